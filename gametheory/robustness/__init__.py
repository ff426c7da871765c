"""Robustness of conclusions (issue 9). Owned by the robust helper; batch.py by the batch helper."""
