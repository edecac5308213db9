# tests/screen.mk
