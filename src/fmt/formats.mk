# src/fmt: formats beyond TensorBoard (placeholder until the formats issue lands)
libtbcore_a_SOURCES += src/fmt/formats_stub.c
