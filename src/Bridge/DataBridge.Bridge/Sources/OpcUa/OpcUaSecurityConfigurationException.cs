namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>A source's security settings cannot be put to use (store, certificate or key files); the message says what to fix.</summary>
public sealed class OpcUaSecurityConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OpcUaSecurityConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OpcUaSecurityConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OpcUaSecurityConfigurationException()
    {
    }
}
