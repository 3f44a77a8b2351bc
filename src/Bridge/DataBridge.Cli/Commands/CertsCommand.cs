using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using DataBridge.Bridge.Configuration;
using DataBridge.Connectors.OpcUa.Security.Pki;
using DataBridge.Configuration;

namespace DataBridge.Cli.Commands;

/// <summary>
/// <c>databridge certs show|create|list|trust|reject|remove</c>: the OPC UA certificate store (OPC 10000-12 §F layout)
/// in <c>&lt;stateDir&gt;/pki</c>. The store is found from <c>--pki DIR</c>, else from <c>--config FILE</c> (its
/// bridge.stateDir), else <c>./databridge-state/pki</c> (the state directory of a configuration in this folder).
/// Exit codes: 0 done, 1 the operation failed (one line on stderr says why).
/// </summary>
internal static class CertsCommand
{
    private static readonly Option<DirectoryInfo?> Pki = new("--pki") { Description = "The certificate store folder (default: <stateDir>/pki of --config, else ./databridge-state/pki).", Recursive = true };
    private static readonly Option<FileInfo?> Config = new("--config") { Description = "A bridge configuration whose bridge.stateDir holds the store.", Recursive = true };

    public static Command Create()
    {
        var certs = new Command("certs", "Manage the OPC UA certificates: ours, the trusted servers and CAs, the rejected ones.");
        certs.Options.Add(Pki);
        certs.Options.Add(Config);
        certs.Subcommands.Add(ShowCommand());
        certs.Subcommands.Add(CreateCommand());
        certs.Subcommands.Add(ListCommand());
        certs.Subcommands.Add(TrustCommand());
        certs.Subcommands.Add(ThumbprintCommand("reject", "Move a trusted certificate into rejected/ so it is refused from now on.", (store, t) => Line(store.Reject(t), "rejected")));
        certs.Subcommands.Add(ThumbprintCommand("remove", "Delete a certificate from every list (for our own: also its private key).", (store, t) => string.Join('\n', store.Remove(t).Select(c => Line(c, "removed from " + c.Location.ToString().ToLowerInvariant())))));
        return certs;
    }

    private static Command ShowCommand()
    {
        var command = new Command("show", "Show our application instance certificate: subject, thumbprint, ApplicationUri, expiry.");
        command.SetAction((parse, _) => Run(parse, (store, output) =>
        {
            using var own = store.LoadOwn(DateTimeOffset.UtcNow)
                ?? throw new CertificateStoreException($"no application instance certificate in {store.Directory.OwnCerts}; create one with 'databridge certs create' (the bridge also creates one on first start)");
            output.WriteLine($"Subject:        {own.Subject}");
            output.WriteLine($"Thumbprint:     {own.Thumbprint}");
            output.WriteLine($"ApplicationUri: {CertificateFields.ApplicationUri(own)}");
            output.WriteLine($"Host names:     {string.Join(", ", CertificateFields.DnsNames(own).Concat(CertificateFields.IpAddresses(own)))}");
            output.WriteLine($"Key:            RSA {CertificateFields.RsaKeySize(own)} bits, signed {own.SignatureAlgorithm.FriendlyName}{(CertificateFields.IsSelfSigned(own) ? ", self-signed" : $", issued by {own.Issuer}")}");
            output.WriteLine($"Valid:          {Date(own.NotBefore)} to {Date(own.NotAfter)}");
            output.WriteLine($"File:           {Path.Combine(store.Directory.OwnCerts, CertificateStore.FileNameOf(own, ".der"))}");
            if (CertificateExpiryWarning.Check(own, DateTimeOffset.UtcNow) is { } warning)
            {
                output.WriteLine($"Warning:        {warning.Message}");
            }
        }));
        return command;
    }

    private static Command CreateCommand()
    {
        var uri = new Option<string?>("--application-uri") { Description = "The ApplicationUri for the SAN (default urn:<host>:databridge)." };
        var name = new Option<string>("--name") { Description = "Application name (the subject's CN).", DefaultValueFactory = _ => "DataBridge" };
        var hosts = new Option<string[]>("--host") { Description = "Host name or IP address for the SAN (repeatable; default this machine's name).", AllowMultipleArgumentsPerToken = true };
        var keySize = new Option<int>("--key-size") { Description = "RSA key size: 2048, 3072 or 4096.", DefaultValueFactory = _ => 2048 };
        var years = new Option<int>("--years") { Description = "Validity in years.", DefaultValueFactory = _ => 5 };
        var certFile = new Option<FileInfo?>("--cert") { Description = "Import this certificate (DER or PEM, e.g. issued by the plant's CA) instead of creating one; needs --key." };
        var keyFile = new Option<FileInfo?>("--key") { Description = "The private key of --cert (PEM, unencrypted PKCS#8 or PKCS#1)." };
        var command = new Command("create", "Create a new self-signed application instance certificate (or import one with --cert/--key). The previous one stays until removed.");
        foreach (var option in new Option[] { uri, name, hosts, keySize, years, certFile, keyFile })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => Run(parse, (store, output) =>
        {
            X509Certificate2 created;
            if (parse.GetValue(certFile) is { } cert)
            {
                var key = parse.GetValue(keyFile) ?? throw new CertificateStoreException("--cert needs --key with the certificate's private key");
                created = store.ImportOwn(cert.FullName, key.FullName);
            }
            else
            {
                var host = Environment.MachineName;
                var settings = new ApplicationCertificateSettings
                {
                    ApplicationUri = parse.GetValue(uri) ?? $"urn:{host.ToLowerInvariant()}:databridge",
                    ApplicationName = parse.GetValue(name)!,
                    HostNames = parse.GetValue(hosts) is { Length: > 0 } h ? h : [host],
                    KeySize = parse.GetValue(keySize),
                    Lifetime = TimeSpan.FromDays(365 * Math.Max(1, parse.GetValue(years))),
                };
                try
                {
                    settings.Validate();
                }
                catch (ArgumentException ex)
                {
                    throw new CertificateStoreException(ex.Message.Split(" (Parameter", 2)[0], ex);
                }

                created = store.CreateOwn(settings, DateTimeOffset.UtcNow);
            }

            using (created)
            {
                output.WriteLine($"Created {created.Subject} thumbprint {created.Thumbprint}, valid to {Date(created.NotAfter)}, ApplicationUri {CertificateFields.ApplicationUri(created)}.");
                output.WriteLine($"Certificate: {Path.Combine(store.Directory.OwnCerts, CertificateStore.FileNameOf(created, ".der"))}");
                output.WriteLine("Give this certificate to the OPC UA servers' administrators to trust. Older certificates stay in own/ until 'databridge certs remove <thumbprint>'.");
            }
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "List our certificates, the trusted ones, the issuer CAs and the rejected ones, with thumbprints and expiry.");
        command.SetAction((parse, _) => Run(parse, (store, output) =>
        {
            output.WriteLine($"Store: {store.Directory.Root}");
            foreach (var location in new[] { CertificateLocation.Own, CertificateLocation.Trusted, CertificateLocation.Issuers, CertificateLocation.Rejected })
            {
                var list = store.List(location);
                output.WriteLine($"{location.ToString().ToLowerInvariant()} ({list.Count}):");
                foreach (var c in list)
                {
                    output.WriteLine($"  {c.Thumbprint}  expires {Date(c.Certificate.NotAfter)}  {c.Certificate.Subject}");
                }
            }

            var crls = store.LoadRevocationLists();
            output.WriteLine($"crl ({crls.Count}):");
            foreach (var crl in crls)
            {
                output.WriteLine($"  {crl.Issuer.Name}  {crl.Count} revoked  next update {(crl.NextUpdate is { } n ? Date(n.UtcDateTime) : "-")}  {crl.Path}");
            }
        }));
        return command;
    }

    private static Command TrustCommand()
    {
        var what = new Argument<string>("thumbprint-or-file") { Description = "The thumbprint of a rejected certificate, or a certificate file (DER or PEM) to trust." };
        var issuer = new Option<bool>("--issuer") { Description = "With a file: put it into issuers/ (a CA used to build chains, not trusted by itself)." };
        var command = new Command("trust", "Trust a server certificate or CA: a rejected one by thumbprint, or a file.");
        command.Arguments.Add(what);
        command.Options.Add(issuer);
        command.SetAction((parse, _) => Run(parse, (store, output) =>
        {
            var value = parse.GetValue(what)!;
            var stored = File.Exists(value)
                ? store.Import(value, parse.GetValue(issuer) ? CertificateLocation.Issuers : CertificateLocation.Trusted)
                : store.Trust(value);
            output.WriteLine(Line(stored, stored.Location == CertificateLocation.Issuers ? "added to issuers" : "trusted"));
        }));
        return command;
    }

    private static Command ThumbprintCommand(string name, string description, Func<CertificateStore, string, string> action)
    {
        var thumbprint = new Argument<string>("thumbprint") { Description = "SHA-1 thumbprint (as 'databridge certs list' shows it)." };
        var command = new Command(name, description);
        command.Arguments.Add(thumbprint);
        command.SetAction((parse, _) => Run(parse, (store, output) => output.WriteLine(action(store, parse.GetValue(thumbprint)!))));
        return command;
    }

    private static Task<int> Run(ParseResult parse, Action<CertificateStore, TextWriter> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var store = new CertificateStore(StoreFolder(parse));
            action(store, parse.InvocationConfiguration.Output);
            return Task.FromResult(0);
        }
        catch (Exception ex) when (ex is CertificateStoreException or ConfigurationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message.Split('\n')[0]}");
            return Task.FromResult(1);
        }
    }

    private static string StoreFolder(ParseResult parse)
    {
        if (parse.GetValue(Pki) is { } pki)
        {
            return pki.FullName;
        }

        if (parse.GetValue(Config) is { } config)
        {
            return Path.Combine(ConfigurationLoader.Load(config.FullName).StateDirectory, "pki");
        }

        return Path.GetFullPath(Path.Combine("databridge-state", "pki"));
    }

    private static string Line(StoredCertificate c, string what) => $"{c.Thumbprint} {what}: {c.Certificate.Subject} ({c.Path})";

    private static string Date(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
