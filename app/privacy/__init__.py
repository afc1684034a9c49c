"""Personal data protection (UU PDP): reporter identities erased after a retention period, NIK and phone
numbers masked in every log line."""
