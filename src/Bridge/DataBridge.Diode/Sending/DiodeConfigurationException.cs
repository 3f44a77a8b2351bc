namespace DataBridge.Diode.Sending;

/// <summary>A diode setting (rate, target, FEC layout...) that cannot work; the message says what to write instead.</summary>
public sealed class DiodeConfigurationException : Exception
{
    /// <summary>Creates the exception for <paramref name="setting"/>.</summary>
    public DiodeConfigurationException(string setting, string message)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>Creates the exception without details.</summary>
    public DiodeConfigurationException()
        : base("Invalid diode setting.")
    {
        Setting = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DiodeConfigurationException(string message)
        : base(message)
    {
        Setting = string.Empty;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public DiodeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    /// <summary>The setting at fault (for example <c>diode.rateLimit</c>).</summary>
    public string Setting { get; }
}
