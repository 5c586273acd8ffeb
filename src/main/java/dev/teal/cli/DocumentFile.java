package dev.teal.cli;

import dev.teal.document.DocumentCodec;
import dev.teal.document.DocumentValidator;
import dev.teal.document.InvalidDocumentException;
import dev.teal.document.Violation;
import dev.teal.model.BlueGreenDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A document file ({@code -f FILE}, {@code -} for standard input), read and checked strictly. */
final class DocumentFile {

  private DocumentFile() {}

  static BlueGreenDeployment read(TealCli root, String file) {
    String source = file.equals("-") ? "standard input" : file;
    byte[] bytes = readBytes(root, file);
    try {
      BlueGreenDeployment document = DocumentCodec.read(bytes);
      List<Violation> violations = DocumentValidator.validate(document);
      if (!violations.isEmpty()) {
        throw new InvalidDocumentException(violations);
      }
      return document;
    } catch (InvalidDocumentException e) {
      throw new TealCli.SourcedInvalidDocument(source, e);
    }
  }

  /** At most one byte over the limit is read, so a huge file or stream is refused without loading it. */
  private static byte[] readBytes(TealCli root, String file) {
    try (InputStream in = file.equals("-") ? root.environment().stdin() : Files.newInputStream(Path.of(file))) {
      return in.readNBytes(DocumentCodec.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new TealCli.UsageException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new TealCli.UsageException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
