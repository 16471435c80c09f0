"""The server: a REST API with per-party confidentiality and a live dashboard.

Importing this package is cheap; FastAPI and uvicorn are imported by
:mod:`accords.service.app` only, so the CLI's ``token`` commands stay fast.
"""
