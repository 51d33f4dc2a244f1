"""Result documents and where they are stored."""
