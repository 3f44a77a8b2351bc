using DataBridge.Bridge.Hosting;
using DataBridge.Core;

namespace DataBridge.Bridge.Sources;

/// <summary>
/// A Modbus device's state for <c>/healthz</c>, told from its poll cycles: a cycle in which some request was
/// answered (even with an exception response) means the device is there; a cycle in which every request failed
/// to connect or timed out means it is down; no answered cycle for longer than the poll rhythm allows means stale.
/// </summary>
internal sealed class ModbusHealthTracker
{
    private readonly string _id;
    private readonly string _endpoint;
    private readonly TimeSpan _staleAfter;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastAnswer;
    private DateTimeOffset? _lastCycle;
    private bool _lastCycleAnswered;
    private string? _failure;

    public ModbusHealthTracker(string id, string endpoint, TimeSpan staleAfter, TimeProvider time)
    {
        _id = id;
        _endpoint = endpoint;
        _staleAfter = staleAfter;
        _time = time;
    }

    /// <summary>Notes one poll cycle's outcome (no allocation unless the device stopped answering).</summary>
    public void Observe(IReadOnlyList<Sample> samples)
    {
        var now = _time.GetUtcNow();
        var answered = false;
        var firstFailure = default(StatusCode);
        for (var i = 0; i < samples.Count; i++)
        {
            var status = samples[i].Status;
            if (!IsCommunicationFailure(status))
            {
                answered = true;
                break;
            }

            if (i == 0)
            {
                firstFailure = status;
            }
        }

        lock (_gate)
        {
            _lastCycle = now;
            _lastCycleAnswered = answered;
            if (answered)
            {
                _lastAnswer = now;
                _failure = null;
            }
            else if (samples.Count > 0)
            {
                _failure = $"{firstFailure.Name}: the device at {_endpoint} does not answer; check that it is powered and reachable from this host, and its host, port and unit id.";
            }
        }
    }

    public SourceHealth Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var (state, problem) = (_lastCycle, _lastCycleAnswered) switch
            {
                (null, _) => (SourceState.Connecting, (string?)null),
                (_, false) => (SourceState.Down, _failure),
                _ when now - _lastAnswer > _staleAfter => (SourceState.Stale, $"no poll of {_endpoint} completed for {(now - _lastAnswer!.Value).TotalSeconds:0} s (limit {_staleAfter.TotalSeconds:0} s): polling waits for the outbox or sink; see the log."),
                _ => (SourceState.Connected, null),
            };
            if (state == SourceState.Down && now - _lastCycle > _staleAfter)
            {
                problem += $" No poll cycle finished for {(now - _lastCycle!.Value).TotalSeconds:0} s.";
            }

            return new SourceHealth
            {
                Id = _id,
                Kind = "modbus",
                State = state,
                Connected = state is SourceState.Connected or SourceState.Stale,
                LastDataAt = _lastAnswer,
                Problem = problem,
            };
        }
    }

    private static bool IsCommunicationFailure(StatusCode status) => status.SubCode is StatusCodes.BadNoCommunication or StatusCodes.BadTimeout
        or StatusCodes.BadCommunicationError or StatusCodes.BadNotConnected or StatusCodes.BadUnexpectedError;
}
