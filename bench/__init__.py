"""Benchmarks: `make bench` runs every bench/bench_*.py and prints each figure beside its baseline."""
