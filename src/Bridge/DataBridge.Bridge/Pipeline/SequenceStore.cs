using System.Globalization;
using System.Text;

namespace DataBridge.Bridge.Pipeline;

/// <summary>
/// Persists the per-source sequence number so that it is strictly increasing and never reused across restarts.
/// </summary>
/// <remarks>
/// Numbers are reserved in blocks: the reservation is fsync'ed before any number inside it is handed out, so a crash
/// can never make a number appear twice. The last number the sink confirmed is written at most once a second (without
/// fsync). A clean shutdown releases the unused part of the reservation.
/// <para>
/// After a crash, what happens to the reserved block depends on whether the bridge can tell which numbers left the
/// process. With the disk outbox it can: the outbox is the only way out, its sinks read only fsync'ed records, and it
/// remembers the last sequence number of every source (values, gaps and refused ranges). A number above that one was
/// at most given to a value that never reached the outbox (and so was never acknowledged upstream): it never left the
/// process, so numbering resumes right after the outbox's last number and no gap record is written — a gap record then
/// always means data that existed and is missing. Numbers stay strictly increasing as anyone outside can see them.
/// Without the outbox (records go straight to the sink) the numbers between the confirmed one and the end of the
/// reservation may have reached the sink undelivered: the caller reports them as a <c>restart_unused_sequence</c> gap.
/// </para>
/// </remarks>
internal sealed class SequenceStore : IDisposable
{
    private const int BlockSize = 10_000;
    private readonly string _path;
    private readonly object _gate = new();
    private long _next;
    private long _reservedThrough;
    private long _confirmed;
    private long _confirmedWrittenAt = -1_000_000;

    private SequenceStore(string path, long next, long reservedThrough, long confirmed, (long First, long Last)? unconfirmed)
    {
        _path = path;
        _next = next;
        _reservedThrough = reservedThrough;
        _confirmed = confirmed;
        Unconfirmed = unconfirmed;
    }

    /// <summary>
    /// The range the previous run handed out or reserved that may have left the process without being confirmed
    /// delivered (only without the outbox, or when the outbox knows less than the sequence file): the caller reports it
    /// as a gap record.
    /// </summary>
    public (long First, long Last)? Unconfirmed { get; }

    /// <summary>
    /// The range the previous run reserved but that never left the process (it was not in the outbox); numbering
    /// resumed at its first number. For a log line only: these numbers are not a loss.
    /// </summary>
    public (long First, long Last)? Resumed { get; private init; }

    /// <summary>The number the next record will get.</summary>
    public long Next
    {
        get
        {
            lock (_gate)
            {
                return _next;
            }
        }
    }

    /// <summary>Opens (or creates) the sequence file of one source.</summary>
    /// <param name="stateDirectory">The bridge's state directory.</param>
    /// <param name="sourceId">The source.</param>
    /// <param name="outboxLast">
    /// With the disk outbox: the last sequence number the outbox holds for the source (0 when it holds none), which is
    /// the last number that can have left the process. Null when records go to the sink without an outbox.
    /// </param>
    public static SequenceStore Open(string stateDirectory, string sourceId, long? outboxLast = null)
    {
        var dir = Path.Combine(stateDirectory, "sequences");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, FileNameFor(sourceId));
        long reserved = 0, confirmed = 0;
        if (File.Exists(path))
        {
            (reserved, confirmed) = Parse(path);
        }

        if (outboxLast is { } d && d >= confirmed)
        {
            // Every number that can have left the process is in the outbox: the rest of the reservation was never seen
            // outside, so numbering resumes right after the outbox's last number (no gap record, nothing was lost).
            // The outbox's number wins even over a sequence file that is older than it.
            var reservedThrough = Math.Max(reserved, d);
            return new SequenceStore(path, d + 1, reservedThrough, d, unconfirmed: null)
            {
                Resumed = reserved > d ? (d + 1, reserved) : null,
            };
        }

        // No outbox, or an outbox that knows less than the sequence file (it was replaced or deleted): numbers between
        // the confirmed one and the end of the reservation may have left the process, so they become a gap record.
        if (outboxLast is { } older)
        {
            reserved = Math.Max(reserved, older);
        }

        (long, long)? unconfirmed = confirmed < reserved ? (confirmed + 1, reserved) : null;
        return new SequenceStore(path, reserved + 1, reserved, reserved, unconfirmed);
    }

    /// <summary>Hands out <paramref name="count"/> consecutive numbers and returns the first.</summary>
    public long Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            var first = _next;
            var last = first + count - 1;
            if (last > _reservedThrough)
            {
                _reservedThrough = last + BlockSize;
                Write(durable: true);
            }

            _next = last + 1;
            return first;
        }
    }

    /// <summary>Records that every number up to <paramref name="sequence"/> was delivered by the sink.</summary>
    public void Confirm(long sequence)
    {
        lock (_gate)
        {
            if (sequence <= _confirmed)
            {
                return;
            }

            _confirmed = sequence;

            // At most once a second: a stale value only widens the range reported as a gap after a crash.
            var now = Environment.TickCount64;
            if (now - _confirmedWrittenAt >= 1000)
            {
                _confirmedWrittenAt = now;
                Write(durable: false);
            }
        }
    }

    /// <summary>Releases the unused reservation (clean shutdown) so the next start reports no gap.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_confirmed == _next - 1)
            {
                _reservedThrough = _confirmed;
            }

            Write(durable: true);
        }
    }

    private void Write(bool durable)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"reserved={_reservedThrough}\nconfirmed={_confirmed}\n");
        var tmp = _path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            fs.Write(Encoding.ASCII.GetBytes(text));
            if (durable)
            {
                fs.Flush(flushToDisk: true);
            }
        }

        File.Move(tmp, _path, overwrite: true);
    }

    private static (long Reserved, long Confirmed) Parse(string path)
    {
        long reserved = 0, confirmed = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !long.TryParse(line.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new InvalidDataException($"{path}: unreadable line '{line}'. The sequence state is damaged; restore it from a backup, or delete it only if you accept that sequence numbers of this source restart at 1.");
            }

            switch (line.AsSpan(0, eq))
            {
                case "reserved": reserved = n; break;
                case "confirmed": confirmed = n; break;
            }
        }

        return (reserved, Math.Min(confirmed, reserved));
    }

    private static string FileNameFor(string sourceId)
    {
        var sb = new StringBuilder(sourceId.Length + 4);
        foreach (var c in sourceId)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.Append(".seq").ToString();
    }
}
