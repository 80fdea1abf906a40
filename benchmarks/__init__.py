"""Benchmarks of what the typed layer costs over plain boto3.

Run them all with ``scripts/bench`` (or ``python -m benchmarks``); each module
also runs alone (``python -m benchmarks.overhead``) and takes ``--quick`` (tiny
sizes, what the test suite runs) and ``--json`` (the figures, machine-readable).

- `benchmarks.overhead`: the same captured XML answer replayed to a plain boto3
  paginator and to ``repository.find()`` with and without its fast parser;
  microseconds per item and the ratios.
- `benchmarks.parsing`: the parse alone, botocore's parser against the fast parser.
- `benchmarks.validation`: sessions validated per second, one page at a time.
- `benchmarks.memory`: the client's peak traced memory while streaming ``find()``.
- `benchmarks.imports`: ``import ec2_traffic_mirror`` against ``import boto3, pydantic``.
- `benchmarks.first_item`: the calls made before ``find()`` yields its first item.
- `benchmarks.fleet`: 50 scopes listed by hand and by a `Fleet` against a fake with
  a latency per call (wall times, ratio); the peak memory of ever larger fleets.

No benchmark reaches AWS: the fake (``ec2_traffic_mirror.testing``) answers on
127.0.0.1 in a child process, and clients get dummy credentials.
"""
