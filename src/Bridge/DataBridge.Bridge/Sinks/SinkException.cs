namespace DataBridge.Bridge.Sinks;

/// <summary>
/// A sink did not durably accept records. The message says what failed and what to check
/// (broker reachable, topic exists and is authorised, credentials); the records must be re-sent.
/// </summary>
public sealed class SinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SinkException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How many records of the failed call were not accepted (0 when unknown).</summary>
    public int FailedRecords { get; init; }

    /// <summary>The destination (e.g. the Kafka topic) that refused, when known.</summary>
    public string? Destination { get; init; }
}
