"""kamtrust: trust self-assessment for Key Account Managers, and group summaries for trainers."""

__version__ = "0.1.0"
