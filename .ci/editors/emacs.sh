# Emacs 28 with Eglot 1.9, from Debian (emacs-nox, elpa-eglot): about 15 s to install on
# a clean Debian 12. tests/editors/emacs.rs runs the language server through
# them, with editors/emacs/glose.el. (Helix has no package here: its configuration is
# checked without it by tests/editors/helix.rs, which needs only python3.)
emacs_started=$SECONDS
apt_install emacs-nox elpa-eglot
echo "$(emacs --version | sed -n 1p), Eglot $(dpkg-query -W -f='${Version}' elpa-eglot) (Debian), $((SECONDS - emacs_started)) s"
