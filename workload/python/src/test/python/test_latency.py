import unittest

from faremark_py import latency


class LatencyTest(unittest.TestCase):
    def test_nearest_rank(self):
        values = list(range(1, 101))  # 1..100
        s = latency.summary(values)
        self.assertEqual((1, 50, 90, 99, 100, 100), (s["minUs"], s["p50Us"], s["p90Us"],
                                                      s["p99Us"], s["p999Us"], s["maxUs"]))
        self.assertEqual(50.5, s["meanUs"])
        self.assertEqual(100, s["count"])

    def test_smallest_value_with_at_least_p_percent_at_or_below(self):
        self.assertEqual(20, latency.percentile([10, 20, 30], 50))  # 1 of 3 is 33 % < 50 %
        self.assertEqual(10, latency.percentile([10, 20, 30], 33.3))
        self.assertEqual(30, latency.percentile([10, 20, 30], 99.9))
        self.assertEqual(7, latency.percentile([7], 50))

    def test_unsorted_input_and_empty(self):
        self.assertEqual(3, latency.summary([5, 1, 3])["p50Us"])
        self.assertEqual(latency.EMPTY, latency.summary([]))

    def test_distribution_is_every_value_raw_in_order(self):
        self.assertEqual({"valuesUs": [5, 1, 3]}, latency.distribution([5, 1, 3]))
        self.assertEqual({"valuesUs": []}, latency.distribution([]))


if __name__ == "__main__":
    unittest.main()
