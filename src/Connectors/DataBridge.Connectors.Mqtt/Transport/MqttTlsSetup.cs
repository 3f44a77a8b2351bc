using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace DataBridge.Connectors.Mqtt.Transport;

/// <summary>
/// Builds MQTTnet's TLS options from <see cref="MqttTlsOptions"/>: the broker's chain is checked against the configured
/// CA only (custom root trust, not the system store), the host name is always checked, and the last rejection reason is
/// kept so a connect failure can say why.
/// </summary>
internal sealed class MqttTlsSetup
{
    private readonly MqttTlsOptions _options;
    private readonly X509Certificate2Collection? _trusted;
    private readonly X509Certificate2Collection? _clientCertificates;

    public MqttTlsSetup(MqttTlsOptions options)
    {
        _options = options;
        if (options.CaFile is { } ca)
        {
            _trusted = [];
            _trusted.ImportFromPemFile(ca);
            if (_trusted.Count == 0)
            {
                throw new MqttConnectionException($"The MQTT TLS CA file '{ca}' holds no PEM certificate; give the CA that signed the broker's certificate.");
            }
        }

        if (options.ClientCertificateFile is { } cert)
        {
            var certificate = options.ClientKeyPassword is { } password
                ? X509Certificate2.CreateFromEncryptedPemFile(cert, password.Reveal(), options.ClientKeyFile)
                : X509Certificate2.CreateFromPemFile(cert, options.ClientKeyFile);
            _clientCertificates = [certificate];
        }
    }

    /// <summary>Why the broker's certificate was last rejected, or null.</summary>
    public string? LastRejection { get; private set; }

    public MqttClientTlsOptions Build(string host)
    {
        var builder = new MqttClientTlsOptionsBuilder()
            .UseTls(true)
            .WithTargetHost(_options.ServerName ?? host)
            .WithCertificateValidationHandler(Validate);
        if (_clientCertificates is not null)
        {
            builder = builder.WithClientCertificates(_clientCertificates);
        }

        return builder.Build();
    }

    private bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        LastRejection = null;
        var errors = args.SslPolicyErrors;
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            LastRejection = $"the broker's certificate does not match the server name ({errors})";
            return false;
        }

        if (_trusted is null)
        {
            LastRejection = errors == SslPolicyErrors.None ? null : $"the broker's certificate is not trusted by the system store ({errors}); set the CA file";
            return errors == SslPolicyErrors.None;
        }

        using var certificate = new X509Certificate2(args.Certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (args.Chain is not null)
        {
            foreach (var element in args.Chain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return true;
        }

        var status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].StatusInformation.Trim() : "unknown chain error";
        LastRejection = $"the broker's certificate '{certificate.Subject}' does not chain to the configured CA ({status})";
        return false;
    }
}
