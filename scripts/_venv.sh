# Shared by scripts/test and scripts/demo: create .venv with a Python >= 3.10
# and install the project (editable) with the given extras. Re-installs only
# when pyproject.toml is newer than the last install.
ensure_venv() {
    local extras="$1"
    local py="${PYTHON:-}"
    if [ -z "$py" ]; then
        for candidate in python3 python3.13 python3.12 python3.11 python3.10 python; do
            if command -v "$candidate" >/dev/null 2>&1 \
                && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
                py="$candidate"
                break
            fi
        done
    fi
    if [ -z "$py" ]; then
        echo "error: Python >= 3.10 is needed (set PYTHON=/path/to/python)" >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "==> creating .venv with $("$py" --version)"
        "$py" -m venv .venv || exit 1
    fi
    local stamp=".venv/.installed-$extras"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "==> installing ec2-traffic-mirror[$extras] into .venv"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extras]" || exit 1
        touch "$stamp"
    fi
}
