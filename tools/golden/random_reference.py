#!/usr/bin/python3
"""Reference outputs of workbook::Random, computed independently of the library.

A plain-Python std::mt19937_64 (the parameters the C++ standard fixes, [rand.predef]) and the
mappings documented in lib/include/workbook/random.hpp: index(n) by rejection, uniform() from the
top 53 bits, normal() by the Marsaglia polar method. It prints the first outputs of seed 42, which
lib/tests/test_random.cpp pins as constants: the test then proves that the C++ library produces
the numbers the standard and the documentation define, on whichever platform it runs.

    /usr/bin/python3 tools/golden/random_reference.py

Its own check: the 10000th output of the engine seeded with 5489 must be 9981545732273789042, as
the standard requires of std::mt19937_64.
"""

import math

MASK = (1 << 64) - 1


class MT19937_64:
    """std::mersenne_twister_engine<uint64_t, 64, 312, 156, 31, 0xb5026f5aa96619e9, 29,
    0x5555555555555555, 17, 0x71d67fffeda60000, 37, 0xfff7eee000000000, 43, 6364136223846793005>"""

    N, M = 312, 156
    UPPER, LOWER = MASK ^ ((1 << 31) - 1), (1 << 31) - 1

    def __init__(self, seed):
        self.state = [seed & MASK]
        for i in range(1, self.N):
            previous = self.state[-1]
            self.state.append((6364136223846793005 * (previous ^ (previous >> 62)) + i) & MASK)
        self.i = self.N

    def __call__(self):
        if self.i >= self.N:
            for k in range(self.N):
                y = (self.state[k] & self.UPPER) | (self.state[(k + 1) % self.N] & self.LOWER)
                self.state[k] = self.state[(k + self.M) % self.N] ^ (y >> 1) ^ (
                    0xB5026F5AA96619E9 if y & 1 else 0)
            self.i = 0
        z = self.state[self.i]
        self.i += 1
        z ^= (z >> 29) & 0x5555555555555555
        z ^= (z << 17) & 0x71D67FFFEDA60000
        z ^= (z << 37) & 0xFFF7EEE000000000
        z ^= z >> 43
        return z & MASK


class Random:
    """The mappings of workbook::Random."""

    def __init__(self, seed):
        self.engine = MT19937_64(seed)
        self.spare = None

    def bits(self):
        return self.engine()

    def index(self, n):
        r = (1 << 64) % n
        x = self.bits()
        while x < r:
            x = self.bits()
        return x % n

    def uniform(self):
        return (self.bits() >> 11) * 2.0 ** -53

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        factor = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * factor
        return u * factor


def main():
    standard = MT19937_64(5489)
    for _ in range(9999):
        standard()
    assert standard() == 9981545732273789042, "not the standard's mt19937_64"

    def show(name, draw, count):
        generator = Random(42)
        print(f"{name}: {{" + ", ".join(draw(generator) for _ in range(count)) + "}")

    show("bits", lambda g: f"{g.bits()}u", 5)
    show("uniform", lambda g: repr(g.uniform()), 5)
    show("index(10)", lambda g: str(g.index(10)), 10)
    show("index(3 * 2^61)", lambda g: str(g.index(3 << 61)), 5)
    show("normal", lambda g: repr(g.normal()), 6)


if __name__ == "__main__":
    main()
