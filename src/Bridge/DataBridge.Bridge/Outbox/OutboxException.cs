namespace DataBridge.Bridge.Outbox;

/// <summary>The outbox cannot continue (disk error, invalid options, a record too large); the message says what to do.</summary>
public sealed class OutboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OutboxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the I/O error behind it.</summary>
    public OutboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
