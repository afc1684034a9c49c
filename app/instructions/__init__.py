"""Instructions (instruksi) with read receipts: sent to agencies, roles and regions; read with one tap."""
