# Emacs 28 with Eglot, from Debian (emacs-nox, elpa-eglot);
# crates/glose-cli/tests/emacs.rs runs the language server through them.
apt_install emacs-nox elpa-eglot
echo "$(emacs --version | sed -n 1p), Eglot $(dpkg-query -W -f='${Version}' elpa-eglot) (Debian)"
