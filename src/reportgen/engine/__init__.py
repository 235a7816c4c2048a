"""Run many reports: plan the jobs, take what the cache has, schedule the rest, publish the site.

build     the project                -> output/site: plan, cache, schedule, publish, in that order (the orchestration)
clock     a build passing            -> its wall time and the time of each phase
outcome   what a build did           -> each report's status, the whole outcome; the progress protocol

plan      the project on disk        -> one job per report, its inputs listed and digested
unit      one job                    -> the report's files and its summary (runs in a worker process)
cache     a job's digest             -> the stored result of an identical earlier job, or nothing
schedule  jobs                       -> results, in 1..N worker processes
publish   every report's result      -> the whole site, staged aside and swapped in at once
"""

DEFAULT_TIMEOUT = 600.0  # seconds one report may take before its worker is stopped
