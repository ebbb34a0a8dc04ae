# An mmdetection config: an FCOS head with a sigmoid focal loss for its classes.
model = dict(
    type='FCOS',
    bbox_head=dict(
        type='FCOSHead',
        num_classes=80,
        loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0),
        loss_bbox=dict(type='IoULoss', loss_weight=1.0),
        loss_centerness=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0)))
