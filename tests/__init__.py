"""kamtrust test suite."""
