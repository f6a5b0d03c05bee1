"""The load test (``make loadtest``): see loadtest/run.py."""
