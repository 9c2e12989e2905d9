# Chromium from Debian, for the browser-driven tests (VS Code in code-server, the HTML
# report). They find it through GLOSE_CHROMIUM.
apt_install chromium
export GLOSE_CHROMIUM=/usr/bin/chromium
echo "$("$GLOSE_CHROMIUM" --version 2>/dev/null | sed -n 1p) (Debian)"
