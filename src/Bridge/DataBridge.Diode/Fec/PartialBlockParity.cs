namespace DataBridge.Diode.Fec;

/// <summary>
/// How many parity symbols a block closed early (k' &lt; k data symbols, when the sender is idle) needs to be at least
/// as safe as a full k + m block: the smallest m' ≤ m whose probability of losing the block under independent random
/// loss at <see cref="DesignLoss"/> is no higher than a full block's. Small blocks then cost a few parity datagrams,
/// not m each (a lone 1-datagram block gets 5 instead of 25 at the default), and no block is weaker than a full one.
/// Against bursts a block needs m parity whatever its size: so a block of at least m data symbols keeps all m, and a
/// smaller one at least as many parity as data symbols.
/// </summary>
public static class PartialBlockParity
{
    /// <summary>The loss rate the comparison is made at: 5 %, the rate the default FEC is sized for.</summary>
    public const double DesignLoss = 0.05;

    /// <summary>Entry k' (1..k) is the parity count for a block of k' data symbols; entry k is m.</summary>
    public static int[] Table(int dataCount, int parityCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dataCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(parityCount);
        var table = new int[dataCount + 1];
        var full = BlockLossProbability(dataCount, parityCount, DesignLoss);
        for (var k = 1; k <= dataCount; k++)
        {
            var m = 0;
            while (m < parityCount && BlockLossProbability(k, m, DesignLoss) > full)
            {
                m++;
            }

            table[k] = k >= parityCount ? parityCount : Math.Max(m, k);
        }

        table[dataCount] = parityCount;
        return table;
    }

    /// <summary>Probability that more than m of the k + m symbols are lost when each is lost independently with probability p.</summary>
    public static double BlockLossProbability(int dataCount, int parityCount, double p)
    {
        var n = dataCount + parityCount;

        // P(X ≤ m) by the binomial recurrence, in doubles: n ≤ 255, so no term underflows to a wrong answer that matters.
        var term = Math.Pow(1 - p, n);
        var atMost = term;
        for (var i = 1; i <= parityCount; i++)
        {
            term *= (double)(n - i + 1) / i * p / (1 - p);
            atMost += term;
        }

        return Math.Max(0, 1 - atMost);
    }
}
