package org.casewatch.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casewatch.gateway.auth.CoalitionsFile;
import org.casewatch.gateway.auth.Tokens;
import org.casewatch.model.Country;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Issues, revokes and lists coalition tokens in the coalitions file; running gateways pick changes up. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Manage coalition tokens (stored as salted hashes; a token is shown once, when issued).",
    subcommands = {TokenCommand.Add.class, TokenCommand.Revoke.class, TokenCommand.ListTokens.class})
final class TokenCommand {

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Issue a token for a coalition.")
  static final class Add implements Callable<Integer> {

    @Option(names = "--coalitions", defaultValue = "coalitions.yaml", description = "The coalitions file.")
    Path file;

    @Option(names = "--coalition", required = true, description = "Coalition id, e.g. kz-coalition.")
    String coalition;

    @Option(names = "--country", description = "Its country (KZ, KG, TJ, TM, UZ); needed for a new coalition.")
    Country country;

    @Override
    public Integer call() {
      final Tokens.Issued issued = CoalitionsFile.addToken(file, coalition, Optional.ofNullable(country));
      System.out.println(issued.token());
      System.err.println("Token " + issued.id() + " for " + coalition + " added to " + file
          + ". It is shown only now; hand it over securely.");
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
  static final class Revoke implements Callable<Integer> {

    @Option(names = "--coalitions", defaultValue = "coalitions.yaml", description = "The coalitions file.")
    Path file;

    @Parameters(index = "0", description = "The token id (the part after cw_, before the second _).")
    String tokenId;

    @Override
    public Integer call() {
      if (!CoalitionsFile.revokeToken(file, tokenId)) {
        System.err.println("No token " + tokenId + " in " + file);
        return 1;
      }
      System.err.println("Token " + tokenId + " revoked; gateways reading " + file + " refuse it within a second.");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List coalitions and token ids.")
  static final class ListTokens implements Callable<Integer> {

    @Option(names = "--coalitions", defaultValue = "coalitions.yaml", description = "The coalitions file.")
    Path file;

    @Override
    public Integer call() {
      CoalitionsFile.read(file).coalitions().forEach(coalition -> coalition.tokens().forEach(token ->
          System.out.println(coalition.id() + "\t" + coalition.country() + "\t" + token.id() + "\t" + token.created())));
      return 0;
    }
  }
}
