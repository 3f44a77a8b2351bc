namespace DataBridge.Diode.Datagrams;

/// <summary>The pre-shared key file cannot be used; the message names the file and what to do. Never contains key bytes.</summary>
public sealed class DiodeKeyException : Exception
{
    /// <summary>Creates the exception for a key file.</summary>
    public DiodeKeyException(string? path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        KeyPath = path;
    }

    /// <summary>Creates the exception without details.</summary>
    public DiodeKeyException()
        : base("The diode key cannot be used.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DiodeKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DiodeKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The key file, when the key came from one.</summary>
    public string? KeyPath { get; }
}
