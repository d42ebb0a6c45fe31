"""Write values into a PDF's form fields (fixture script)."""
import json
import sys


def fill(form, values_path, out):
    with open(values_path) as handle:
        values = json.load(handle)
    print(f"would fill {len(values)} fields of {form} into {out}")


if __name__ == "__main__":
    fill(*sys.argv[1:4])
