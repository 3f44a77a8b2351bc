using Microsoft.Extensions.Logging;

namespace DataBridge.Bridge.Sinks.Kafka;

/// <summary>
/// Whether Kafka is reachable, told once each way: one Warning when the sink starts waiting (with what failed and
/// what to check) and one when Kafka is back, however many retries and librdkafka errors lie between.
/// </summary>
internal sealed class KafkaConnectivity
{
    private readonly string _bootstrap;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private SinkState _state = SinkState.Connecting;
    private string? _problem;
    private DateTimeOffset _since;
    private bool _waiting;
    private bool _connected;

    public KafkaConnectivity(string bootstrap, ILogger logger, TimeProvider time)
    {
        _bootstrap = bootstrap;
        _logger = logger;
        _time = time;
        _since = time.GetUtcNow();
    }

    /// <summary>True while waiting for Kafka (cheap to read per batch).</summary>
    public bool IsWaiting => Volatile.Read(ref _waiting);

    /// <summary>True once Kafka answered and until the next outage (cheap to read per batch).</summary>
    public bool IsConnected => Volatile.Read(ref _connected);

    public SinkHealth Health
    {
        get
        {
            lock (_gate)
            {
                return new SinkHealth { Kind = "kafka", State = _state, Problem = _problem, Since = _since };
            }
        }
    }

    /// <summary>Kafka is away or refuses: the first call of an outage logs a Warning, later ones only update the problem.</summary>
    public void Waiting(string problem)
    {
        lock (_gate)
        {
            _problem = problem;
            if (_state == SinkState.Waiting)
            {
                _logger.LogDebug("Still waiting for Kafka at {Bootstrap}: {Problem}", _bootstrap, problem);
                return;
            }

            _state = SinkState.Waiting;
            _since = _time.GetUtcNow();
            Volatile.Write(ref _waiting, true);
            Volatile.Write(ref _connected, false);
        }

        _logger.LogWarning(
            "Waiting for Kafka at {Bootstrap}: {Problem} The bridge keeps reading its sources; values wait in the outbox on disk and are sent in order when Kafka answers (retrying with backoff, no further warning until then).",
            _bootstrap,
            problem);
    }

    /// <summary>Kafka answered and accepted: logs once when this ends an outage.</summary>
    public void Connected(string what)
    {
        SinkState before;
        DateTimeOffset since;
        lock (_gate)
        {
            before = _state;
            since = _since;
            if (before == SinkState.Connected)
            {
                return;
            }

            _state = SinkState.Connected;
            _problem = null;
            _since = _time.GetUtcNow();
            Volatile.Write(ref _waiting, false);
            Volatile.Write(ref _connected, true);
        }

        if (before == SinkState.Waiting)
        {
            _logger.LogWarning("Kafka at {Bootstrap} is back after {Outage:0} s ({What}); sending what waited in the outbox.", _bootstrap, (_time.GetUtcNow() - since).TotalSeconds, what);
        }
        else
        {
            _logger.LogInformation("Kafka at {Bootstrap} is ready ({What}).", _bootstrap, what);
        }
    }
}
