"""``python -m factwire``: the same as the ``factwire`` command."""

from factwire.cli import main

if __name__ == "__main__":
    main()
