"""What Colonnade works out about stored articles beyond extraction: columnist identity."""
