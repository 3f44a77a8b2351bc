using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa;

/// <summary>
/// The root of every error the OPC UA connector raises, so a caller catches one type instead of a list (as Npgsql's
/// <c>NpgsqlException</c>). <see cref="StatusCode"/> says what failed in OPC UA's own terms; <see cref="IsTransient"/>
/// says whether the same call may succeed later without anyone changing the configuration.
/// </summary>
public abstract class OpcUaException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected OpcUaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The OPC UA status code that describes the failure.</summary>
    public abstract StatusCode StatusCode { get; }

    /// <summary>
    /// True when retrying may succeed (a connection that broke, a server that is restarting or busy): the managed
    /// client reconnects on these. False when a person must act first (malformed bytes, an untrusted certificate).
    /// </summary>
    public abstract bool IsTransient { get; }
}
