// shortest.cc: the C side's door to double-conversion's shortest mode
// (Grisu3, falling back to an exact bignum algorithm when Grisu cannot
// decide). Nothing here allocates or throws.
#include <cmath>
#include <double-conversion/double-to-string.h>
#include "shortest.h"

using double_conversion::DoubleToStringConverter;

static int shortest(double v, DoubleToStringConverter::DtoaMode mode, int prec, char *digits, int *point)
{
	bool sign;
	int len;
	DoubleToStringConverter::DoubleToAscii(std::fabs(v), mode, prec, digits, SHORTEST_MAX, &sign, &len, point);
	return len;
}

extern "C" int shortest_double(double v, char digits[SHORTEST_MAX], int *point)
{
	return shortest(v, DoubleToStringConverter::SHORTEST, 0, digits, point);
}

extern "C" int shortest_float(float v, char digits[SHORTEST_MAX], int *point)
{
	return shortest(v, DoubleToStringConverter::SHORTEST_SINGLE, 0, digits, point);
}

extern "C" int shortest_rounded(double v, int prec, char digits[SHORTEST_MAX], int *point)
{
	return shortest(v, DoubleToStringConverter::PRECISION, prec, digits, point);
}
