"""Reading articles from files, folders, standard input (placeholder)."""
