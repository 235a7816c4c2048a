"""Run many reports: plan the jobs, take what the cache has, schedule the rest, assemble the site.

plan      the project on disk        -> one job per report, its inputs listed and digested
unit      one job                    -> the report's files and its summary (runs in a worker process)
cache     a job's digest             -> the stored result of an identical earlier job, or nothing
schedule  jobs                       -> results, in 1..N worker processes
assemble  every report's result      -> the whole site, swapped in at once
"""

DEFAULT_TIMEOUT = 600.0  # seconds one report may take before its worker is stopped
