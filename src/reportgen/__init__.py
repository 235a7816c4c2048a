"""reportgen: evaluation reports of ASN development programs, as a static site and print PDFs."""

__version__ = "0.1.0"
