package org.incidentworkbench.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The launch benchmark's baseline ({@code workbench bench ui}): a JavaFX window holding one label, started the same
 * way as the workbench (a plain main on the classpath), so the figure shows what JavaFX itself costs here. It lives
 * in app, beside {@link WorkbenchApp#reportInteractiveForBench}, because only app uses JavaFX.
 */
public final class BareWindow extends Application {

    /**
     * The entry point the benchmark starts, a plain class as the workbench's Launcher is: a main in an
     * {@code Application} subclass refuses to start from the classpath ("JavaFX runtime components are missing").
     */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            launch(BareWindow.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("bare JavaFX window"), 1280, 800));
        stage.show();
        WorkbenchApp.reportInteractiveForBench(stage);
    }
}
