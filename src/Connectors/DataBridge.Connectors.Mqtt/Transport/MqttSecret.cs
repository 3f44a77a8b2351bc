namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>
/// A secret the caller has already resolved (from an environment variable or file): a password or a key passphrase.
/// Its <see cref="ToString"/> never shows it, so an options object can be logged or put in an exception safely.
/// </summary>
public sealed class MqttSecret
{
    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    public MqttSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The secret itself, for the one place that hands it to the TLS stack or the broker.</summary>
    public string Reveal() => _value;

    /// <summary>Always <c>***</c>.</summary>
    public override string ToString() => "***";
}
