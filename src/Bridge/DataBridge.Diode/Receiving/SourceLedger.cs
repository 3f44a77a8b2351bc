namespace DataBridge.Diode.Receiving;

/// <summary>
/// Per source: the highest sequence number accounted for (delivered or declared lost) and the gaps still open. Decides
/// for each arriving record whether it is new (deliver), fills an open gap (deliver, a resend or a late copy), or is a
/// duplicate (drop); and turns jumps into exact gap ranges. Sequence numbers of a source reach the receiver in order
/// (the sender sends its outbox in order and the receiver delivers blocks in order), so a jump means loss.
/// </summary>
internal sealed class SourceLedger
{
    private readonly Dictionary<string, SourceState> _sources = new(StringComparer.Ordinal);
    private readonly long? _initialSequence;
    private readonly int _maxOpenGaps;

    public SourceLedger(long? initialSequence, int maxOpenGaps, IReadOnlyDictionary<string, long>? positions)
    {
        _initialSequence = initialSequence;
        _maxOpenGaps = maxOpenGaps;
        if (positions is not null)
        {
            foreach (var (id, last) in positions)
            {
                _sources[id] = new SourceState(last);
            }
        }
    }

    /// <summary>Sequence numbers removed from open gaps because they arrived after all.</summary>
    public long GapsFilled { get; private set; }

    /// <summary>Every source's highest accounted sequence number: what a restarted receiver needs to carry on.</summary>
    public Dictionary<string, long> Positions()
    {
        var positions = new Dictionary<string, long>(_sources.Count, StringComparer.Ordinal);
        foreach (var (id, state) in _sources)
        {
            positions[id] = state.Last;
        }

        return positions;
    }

    /// <summary>A record arrived: true to deliver it. A jump ahead reports the skipped range through <paramref name="onGap"/> first.</summary>
    public bool Admit(string sourceId, long sequence, IGapSink onGap)
    {
        var state = Get(sourceId, sequence);
        if (sequence > state.Last)
        {
            if (sequence > state.Last + 1)
            {
                Declare(sourceId, state, state.Last + 1, sequence - 1, onGap);
            }

            state.Last = sequence;
            return true;
        }

        if (state.RemoveFromGaps(sequence))
        {
            GapsFilled++;
            return true;
        }

        return false;
    }

    /// <summary>A record known by its identity alone was lost (its fragments did not all arrive).</summary>
    public void Lost(string sourceId, long sequence, IGapSink onGap)
    {
        var state = Get(sourceId, sequence);
        if (sequence > state.Last)
        {
            Declare(sourceId, state, state.Last + 1, sequence, onGap);
            state.Last = sequence;
        }
    }

    /// <summary>The sender says it has sent up to <paramref name="lastSent"/> and every block carrying them is resolved.</summary>
    public void SentUpTo(string sourceId, long lastSent, IGapSink onGap)
    {
        if (!_sources.TryGetValue(sourceId, out var state))
        {
            if (_initialSequence is not { } initial)
            {
                // Never seen and no known start: remember where the sender is, so later loss of this source is exact.
                _sources[sourceId] = new SourceState(lastSent);
                return;
            }

            state = new SourceState(initial - 1);
            _sources[sourceId] = state;
        }

        if (lastSent > state.Last)
        {
            Declare(sourceId, state, state.Last + 1, lastSent, onGap);
            state.Last = lastSent;
        }
    }

    private SourceState Get(string sourceId, long sequence)
    {
        if (!_sources.TryGetValue(sourceId, out var state))
        {
            state = new SourceState((_initialSequence ?? sequence) - 1);
            _sources[sourceId] = state;
        }

        return state;
    }

    private void Declare(string sourceId, SourceState state, long first, long last, IGapSink output)
    {
        state.AddGap(first, last, _maxOpenGaps);
        output.OnGap(new DiodeGap(sourceId, first, last));
    }

    private sealed class SourceState(long last)
    {
        private readonly List<(long First, long Last)> _gaps = [];

        public long Last { get; set; } = last;

        public void AddGap(long first, long last, int max)
        {
            if (_gaps.Count == max)
            {
                _gaps.RemoveAt(0);
            }

            _gaps.Add((first, last));
        }

        public bool RemoveFromGaps(long sequence)
        {
            for (var i = 0; i < _gaps.Count; i++)
            {
                var (first, last) = _gaps[i];
                if (sequence < first || sequence > last)
                {
                    continue;
                }

                if (first == last)
                {
                    _gaps.RemoveAt(i);
                }
                else if (sequence == first)
                {
                    _gaps[i] = (first + 1, last);
                }
                else if (sequence == last)
                {
                    _gaps[i] = (first, last - 1);
                }
                else
                {
                    _gaps[i] = (first, sequence - 1);
                    _gaps.Insert(i + 1, (sequence + 1, last));
                }

                return true;
            }

            return false;
        }
    }
}
