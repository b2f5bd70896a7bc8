"""The benchmark ledger generator, one job a module: data (facts and vocabularies), yamlout (its YAML writer),
words (helpers), builder with stakeholders, outcomes, indicators, activities and evidence (the records),
mutate (mistakes) and assemble (the ledger, its summary, writing it). benchmarks/generate.py is its command line."""
