"""Print the name and type of every form field of a PDF (fixture script)."""
import sys


def main(path):
    print(f"fields of {path}: (fixture: nothing is read)")


if __name__ == "__main__":
    main(sys.argv[1])
