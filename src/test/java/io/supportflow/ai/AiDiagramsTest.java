package io.supportflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AI processes are product code: named elements, complete diagram interchange, external calls async with retries. */
class AiDiagramsTest {

    @ParameterizedTest
    @ValueSource(strings = {"processes/ticket-classification.bpmn", "processes/answer-from-knowledge-base.bpmn"})
    void everyElementIsNamedDrawnAndEveryCallIsAnAsyncJobWithRetries(String path) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File(path));
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("shape of " + node.getId()).contains(node.getId());
            assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("edge of " + flow.getId()).contains(flow.getId());
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-zA-Z]+\\}");
        }
        model.getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> t.getId().equals("Task_ClassifyTicket") || t.getId().equals("Task_AssessReplySentiment")
                        || t.getId().equals("Task_DraftAnswer") || t.getId().equals("Task_SendAnswer"))
                .forEach(t -> {
                    assertThat(t.isCamundaAsyncBefore()).as(t.getId() + " async").isTrue();
                    assertThat(((FlowElement) t).getExtensionElements().getElementsQuery()
                            .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).singleResult()
                            .getTextContent()).as(t.getId() + " retries").isEqualTo("R3/PT1M");
                });
    }
}
