namespace DataBridge.Diode.Receiving;

/// <summary>
/// Counts distinct datagram sequence numbers of one stream with a sliding bitmap of the last
/// <see cref="WindowSize"/>, so duplicates do not hide loss: estimated loss = 1 − distinct / (highest − first + 1).
/// </summary>
internal sealed class SequenceWindow
{
    public const int WindowSize = 8192;

    private readonly ulong[] _bits = new ulong[WindowSize / 64];
    private bool _started;

    public ulong First { get; private set; }

    public ulong Highest { get; private set; }

    public long Distinct { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Datagrams the sender numbered from the first seen to the highest seen.</summary>
    public long Expected => _started ? (long)(Highest - First + 1) : 0;

    /// <summary>Records <paramref name="sequence"/>; false when it is a duplicate (or too old to tell).</summary>
    public bool Observe(ulong sequence)
    {
        if (!_started)
        {
            _started = true;
            First = sequence;
            Highest = sequence;
            Set(sequence);
            Distinct = 1;
            return true;
        }

        if (sequence > Highest)
        {
            // Clear the bits of the numbers the window slides over.
            var clear = Math.Min(sequence - Highest, (ulong)WindowSize);
            for (ulong i = 1; i <= clear; i++)
            {
                Clear(Highest + i);
            }

            Highest = sequence;
        }
        else if (Highest - sequence >= WindowSize)
        {
            Duplicates++;
            return false;
        }
        else if (sequence < First)
        {
            // Reordered ahead of the first one seen: the stream started earlier.
            First = sequence;
        }
        else if (IsSet(sequence))
        {
            Duplicates++;
            return false;
        }

        Set(sequence);
        Distinct++;
        return true;
    }

    private bool IsSet(ulong n) => (_bits[(int)(n / 64 % (WindowSize / 64))] & (1UL << (int)(n % 64))) != 0;

    private void Set(ulong n) => _bits[(int)(n / 64 % (WindowSize / 64))] |= 1UL << (int)(n % 64);

    private void Clear(ulong n) => _bits[(int)(n / 64 % (WindowSize / 64))] &= ~(1UL << (int)(n % 64));
}
