namespace DataBridge.Cli.Hosting;

/// <summary>A Node.js simulator could not be installed or started; the message says why and what to do.</summary>
internal sealed class NodeSimulatorException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public NodeSimulatorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying failure.</summary>
    public NodeSimulatorException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
