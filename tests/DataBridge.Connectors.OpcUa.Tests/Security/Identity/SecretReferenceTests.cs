using DataBridge.Connectors.OpcUa.Security.Identity;

namespace DataBridge.Connectors.OpcUa.Tests.Security.Identity;

public sealed class SecretReferenceTests
{
    [Fact]
    public void An_environment_reference_resolves_and_prints_only_the_reference()
    {
        var name = "DATABRIDGE_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "hunter2-value");
        try
        {
            var secret = SecretReference.Parse("${" + name + "}");
            Assert.Equal("hunter2-value", secret.Resolve());
            Assert.Equal("${" + name + "}", secret.ToString());
            Assert.DoesNotContain("hunter2", UserIdentity.UserName("op", secret).ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", $"{secret}", StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_file_reference_reads_the_first_line()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "file-secret\n");
            Assert.Equal("file-secret", SecretReference.Parse("${file:" + file + "}").Resolve());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("plainPassword123")]
    [InlineData("${}")]
    [InlineData("${file:}")]
    [InlineData("${bad name}")]
    public void A_literal_or_malformed_secret_is_a_validation_error_that_does_not_repeat_it(string text)
    {
        Assert.False(SecretReference.TryParse(text, out _, out var error));
        Assert.NotNull(error);
        if (text == "plainPassword123")
        {
            Assert.Contains("${ENV_VARIABLE}", error, StringComparison.Ordinal);
            Assert.DoesNotContain(text, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_variable_or_file_is_named_without_a_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretReference.Parse("${DATABRIDGE_SURELY_UNSET_42}").Resolve());
        Assert.Contains("DATABRIDGE_SURELY_UNSET_42", error.Message, StringComparison.Ordinal);
        var fileError = Assert.Throws<InvalidOperationException>(() => SecretReference.Parse("${file:/nonexistent/pw}").Resolve());
        Assert.Contains("/nonexistent/pw", fileError.Message, StringComparison.Ordinal);
    }
}
