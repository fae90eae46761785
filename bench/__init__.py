"""The load benchmark (make bench): harness, seeder, baselines and the bench-only middleware."""
