libtbcore_a_SOURCES += \
	src/fmt/crc32c.c src/fmt/crc32c.h src/fmt/crc32c_hw.h src/fmt/crc32c_table.h \
	src/fmt/pb.c src/fmt/pb.h \
	src/fmt/tfrecord.c src/fmt/tfrecord.h \
	src/fmt/tfevents.c src/fmt/tfevents.h src/fmt/tftensor.c src/fmt/tfsource.c \
	src/fmt/tfwriter.c \
	src/fmt/source.c
