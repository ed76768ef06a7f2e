"""主动公开 rules and formats: screening, 索引号 patterns, the Art. 26 deadline, search tokens,
the review state machine. Pure Python; never imports django."""
