"""Demo data drawn from the seed reports: Kabupaten Belitung on voting day, Pilkada 2024."""
